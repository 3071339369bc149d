/** Placeholder: joins the workflow's live run events and paints them into the overlay. */
export function useLiveRuns(): void {}

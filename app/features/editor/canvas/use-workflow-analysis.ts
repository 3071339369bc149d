/** Placeholder: asks the server to compile the current document and stores issues and ports. */
export function useWorkflowAnalysis(): void {}

import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSpinner } from '../../../../components/Spinner.tsx';
import { DataTablesView } from '../../../../features/data-tables/DataTablesView.tsx';

export const metadata: Metadata = { title: 'Data tables' };

export default function DataTablesPage() {
  // The open table lives in the URL (?t=), read with useSearchParams.
  return (
    <Suspense fallback={<PageSpinner />}>
      <DataTablesView />
    </Suspense>
  );
}

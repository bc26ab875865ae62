/** A column of a GOV.UK table: its heading, and whether it holds numbers (right-aligned). */
export type TableColumn = string | { label: string; numeric?: boolean };

/** The head of a GOV.UK table with plain column headings. */
export function TableHead({ columns }: { columns: TableColumn[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {columns.map((column) => {
          const { label, numeric } = typeof column === 'string' ? { label: column, numeric: false } : column;
          return (
            <th key={label} scope="col" className={numeric ? 'govuk-table__header govuk-table__header--numeric' : 'govuk-table__header'}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

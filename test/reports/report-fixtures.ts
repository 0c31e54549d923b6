/** The executed notebooks the report tests print (see test/fixtures/reports/make-fixtures.sh). */
import * as path from 'node:path';
import type { Cell, Notebook } from '../../lib/notebooks/nbformat';
import { readNotebook } from '../../lib/notebooks/notebook-file';

/** Folder of the report fixtures. */
export const REPORT_FIXTURES = path.resolve(__dirname, '../../../test/fixtures/reports');

/** An executed fixture notebook, parsed. */
export function readReportFixture(name: string): Notebook {
  return readNotebook(path.join(REPORT_FIXTURES, name));
}

/** A notebook of the given cells, as Jupyter writes it. */
export function notebookOf(cells: Array<Partial<Cell> & Pick<Cell, 'cell_type' | 'source'>>): Notebook {
  const complete = cells.map((c) => (c.cell_type === 'code' ? { metadata: {}, execution_count: null, outputs: [], ...c } : { metadata: {}, ...c }));
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: complete as Cell[] };
}

/** The cover fields the tests print. */
export const COVER = {
  guild: 'Fixture DAO',
  period: '2024-01-01 to 2024-06-30',
  generatedAt: new Date(Date.UTC(2024, 6, 1, 9, 30)),
  dataVersion: 'import-42',
  localPaths: ['/home/analyst'],
};

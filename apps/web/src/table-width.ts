import type { DataTableColumns } from 'naive-ui';

/**
 * The width a data table needs so that no column goes below its `width` (or, for the flexible ones, `minWidth`): its
 * `scrollX`. Without one naive-ui fits the table to the screen, and on a laptop (1,280 px, 200 of them the menu) a
 * column without a width got what the others left, often nothing: text stood one character per line and the last
 * column, where the row's buttons sit, went out of sight. With it the table scrolls sideways instead.
 */
export function scrollWidth<T>(columns: DataTableColumns<T>): number {
  return columns.reduce((sum, column) => {
    const width = 'width' in column ? column.width : undefined;
    const minWidth = 'minWidth' in column ? column.minWidth : undefined;
    return sum + (typeof width === 'number' ? width : typeof minWidth === 'number' ? minWidth : 0);
  }, 0);
}

package dev.tusk.driver.result;

/**
 * A run of consecutive rows stored together: their DataRow bytes back to back in {@code data}, and
 * for each cell the position of its length prefix in {@code cells} (row-major).
 *
 * @param firstRow the index, in the whole result, of the page's first row
 * @param rowCount how many rows the page holds
 */
record RowPage(byte[] data, int[] cells, int firstRow, int rowCount) {}

/**
 * Inserts `rows` into `table` on a pg client by multi-row INSERTs of `rowsPerStatement` rows each
 * (the repositories' statement size): the bulk path benches measure the engine's writes against.
 * `valuesOf(row)` gives the row's values in the order of `columns`.
 */
export async function multiRowInsert(client, table, columns, rows, valuesOf, rowsPerStatement) {
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const values = chunk.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, chunk.flatMap(valuesOf));
  }
}

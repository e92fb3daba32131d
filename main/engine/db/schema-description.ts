/** A dialect-neutral picture of the schema, read from the database's own catalogue. */
export interface ColumnDescription {
  name: string;
  type: string;
  notNull: boolean;
}

export interface ForeignKeyDescription {
  columns: string[];
  table: string;
  refColumns: string[];
  onDelete: 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';
}

export interface IndexDescription {
  name: string;
  unique: boolean;
  /** Column names; an expression is shown as "(expression)". */
  columns: string[];
}

export interface TableDescription {
  name: string;
  columns: ColumnDescription[];
  primaryKey: string[];
  foreignKeys: ForeignKeyDescription[];
  /** Column sets that must be unique (constraints and unique indexes, the primary key excluded). */
  uniqueKeys: string[][];
  indexes: IndexDescription[];
  checkCount: number;
}

export interface SchemaDescription {
  tables: TableDescription[];
}

import { QueryRunner, TableColumnOptions } from 'typeorm';

// Column builders for migrations, mirroring src/database/columns.ts so the migrated schema equals the entities'.
// Defaults for created/updated timestamps come from the driver, as the entities' do.
type Extra = Partial<Omit<TableColumnOptions, 'isNullable'>> & { nullable?: boolean };

function opts(name: string, type: string, extra: Extra): TableColumnOptions {
  const { nullable, ...rest } = extra;
  return { name, type, isNullable: nullable ?? false, ...rest };
}

export function columns(q: QueryRunner) {
  const mysql = ['mysql', 'mariadb'].includes(q.connection.driver.options.type);
  const now = mysql ? 'CURRENT_TIMESTAMP(6)' : "datetime('now')";
  return {
    id: (): TableColumnOptions => ({ name: 'id', type: mysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
    int: (name: string, extra: Extra = {}) => opts(name, mysql ? 'int' : 'integer', extra),
    varchar: (name: string, length: number, extra: Extra = {}) => opts(name, 'varchar', { length: String(length), ...extra }),
    text: (name: string, extra: Extra = {}) => opts(name, 'text', extra),
    double: (name: string, extra: Extra = {}) => opts(name, 'double', extra),
    boolean: (name: string, extra: Extra = {}) => opts(name, 'boolean', extra),
    datetime: (name: string, extra: Extra = {}) => opts(name, 'datetime', { precision: 6, ...extra }),
    createdAt: () => opts('createdAt', 'datetime', { precision: 6, default: now }),
    updatedAt: () => opts('updatedAt', 'datetime', { precision: 6, default: now, ...(mysql ? { onUpdate: now } : {}) }),
  };
}

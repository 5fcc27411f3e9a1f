/**
 * Tables join sync by declaring themselves here; the change capture, merge and transport code is
 * generic and never names a table. A declaration says what the table is called on the wire and
 * how to find the council a row belongs to (the server authorizes every change by that council).
 */
import { DELETED_FIELD, FieldName, TableName } from './protocol';

/**
 * How a row's council is found:
 * - `self`: the row IS a council (its id is the council id);
 * - `field`: the row stores the council id in a field;
 * - `parent`: the row points at a row of another synced table (e.g. agenda item -> meeting), whose
 *   council is resolved the same way. Lists are rows of their own, so this chain is how
 *   interests, options, votes and attendance find their council. `table` may be a function of
 *   the row for polymorphic references.
 */
export type CouncilScope =
  | { readonly kind: 'self' }
  | { readonly kind: 'field'; readonly field: string }
  | {
      readonly kind: 'parent';
      readonly table: string | ParentTableOf;
      readonly foreignKey: string;
      /**
       * For a polymorphic `table`: every table it may answer. The server reads this to check that
       * the foreign key never names a row of another council (it cannot run `table` on a row it
       * only holds as field/value pairs).
       */
      readonly candidates?: readonly string[];
    }
  /**
   * The row belongs to the council of the first row of `table` (by id order) whose `foreignKey`
   * names it: people have no council of their own and join councils through memberships.
   */
  | { readonly kind: 'referencedBy'; readonly table: string; readonly foreignKey: string };

/**
 * The app-record field in which a client keeps the row's merge state (the Dexie client stores it
 * on the record itself): never a synced field, never a local-only field name.
 */
export const SYNC_STATE_FIELD = '_sync';

/** For polymorphic references, e.g. a meeting's `bodyId` names a council or a team by `bodyKind`. */
export type ParentTableOf = (row: Record<string, unknown>) => string | null;

export interface SyncTableDeclaration {
  /** Wire name; by convention the Dexie table name. */
  readonly name: string;
  readonly council: CouncilScope;
  /** Fields kept on this device only (UI state, caches): never captured into the outbox. */
  readonly localOnlyFields?: readonly string[];
  /** The row's primary key field; `id` unless declared. Never synced as a field. */
  readonly idField?: string;
  /**
   * Rows are written once and never changed (approved minutes versions): each field is written
   * once, by the account that wrote the row's first field, and the row is never deleted. The
   * server refuses every other change (`rejected`, reason `write_once`); a client refuses it on
   * arrival and lists it for review, whatever its baseHlc.
   */
  readonly immutable?: boolean;
  /**
   * A field the SERVER writes: `{id, name}` of the account whose push last wrote the row (a joint
   * record says whose laptop recorded it, which no member can forge). Clients never send it (the
   * server refuses it, reason `server_field`) and apply it like any pulled field.
   */
  readonly stampAccount?: string;
  /**
   * Bookkeeping fields (updatedAt) that every edit touches: two people editing different fields
   * of a row both change them, which is not a conflict anyone needs to review. Their losing
   * values are not listed as conflicts; the winner still converges like any field. In a write-once
   * row they say when a laptop wrote its copy, not what was approved: a later value is dropped
   * (the first stands) instead of refused. `DEFAULT_QUIET_FIELDS` unless declared.
   */
  readonly quietFields?: readonly string[];
}

/** Every app record carries these stamps of its laptop's clock (repositories set them). */
const DEFAULT_QUIET_FIELDS: readonly string[] = ['updatedAt', 'createdAt'];

/** Reads a row of a synced table by id; the Dexie client passes a transaction-bound lookup. */
export type RowLookup = (table: string, rowId: string) => Record<string, unknown> | undefined;

/** The same reads, asynchronous (IndexedDB), plus the reverse lookup `referencedBy` needs. */
export interface AsyncRowLookup {
  get(table: string, rowId: string): Promise<Record<string, unknown> | undefined>;
  /** The first row (by id) of `table` whose `field` equals `value`. */
  findReferencing(table: string, field: string, value: string): Promise<Record<string, unknown> | undefined>;
}

const MAX_PARENT_DEPTH = 8;

export class SyncRegistry {
  private readonly tables = new Map<string, SyncTableDeclaration>();

  register(decl: SyncTableDeclaration): this {
    if (!TableName.safeParse(decl.name).success) throw new Error(`sync table name ${JSON.stringify(decl.name)} is not a valid wire table name`);
    if (this.tables.has(decl.name)) throw new Error(`sync table ${decl.name} is declared twice`);
    for (const f of decl.localOnlyFields ?? []) {
      if (f === DELETED_FIELD || f === SYNC_STATE_FIELD) throw new Error(`${decl.name}: ${f} is reserved`);
    }
    if (decl.stampAccount !== undefined) {
      if (!FieldName.safeParse(decl.stampAccount).success || decl.stampAccount === DELETED_FIELD || decl.stampAccount === SYNC_STATE_FIELD)
        throw new Error(`${decl.name}: stampAccount ${JSON.stringify(decl.stampAccount)} is not a valid field name`);
      if ((decl.localOnlyFields ?? []).includes(decl.stampAccount))
        throw new Error(`${decl.name}: ${decl.stampAccount} cannot be local-only and server-written`);
    }
    if (decl.council.kind === 'field' && !FieldName.safeParse(decl.council.field).success) {
      throw new Error(`${decl.name}: council field ${JSON.stringify(decl.council.field)} is not a valid field name`);
    }
    this.tables.set(decl.name, Object.freeze({ ...decl }));
    return this;
  }

  has(name: string): boolean {
    return this.tables.has(name);
  }

  get(name: string): SyncTableDeclaration {
    const decl = this.tables.get(name);
    if (!decl) throw new Error(`table ${name} is not declared for sync`);
    return decl;
  }

  list(): SyncTableDeclaration[] {
    return [...this.tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Check that every parent reference names a declared table and that no chain loops. */
  validate(): void {
    for (const decl of this.tables.values()) {
      const path: string[] = [decl.name];
      let scope = decl.council;
      if (scope.kind === 'parent') {
        for (const t of scope.candidates ?? [])
          if (!this.tables.has(t)) throw new Error(`${decl.name}: council parent candidate ${t} is not declared for sync`);
      }
      while (scope.kind === 'parent' || scope.kind === 'referencedBy') {
        // Polymorphic parents are checked when rows are resolved; nothing static to follow.
        if (typeof scope.table === 'function') break;
        if (!this.tables.has(scope.table)) throw new Error(`${decl.name}: council parent table ${scope.table} is not declared for sync`);
        if (path.includes(scope.table) || path.length > MAX_PARENT_DEPTH)
          throw new Error(`council chain loops or is too deep: ${[...path, scope.table].join(' -> ')}`);
        path.push(scope.table);
        scope = this.get(scope.table).council;
      }
    }
  }

  /** Fields of a row a client sends (everything but the id, local-only and server-written fields). */
  syncedFields(table: string, row: Record<string, unknown>): string[] {
    const decl = this.get(table);
    const idField = decl.idField ?? 'id';
    const local = new Set(decl.localOnlyFields ?? []);
    return Object.keys(row)
      .filter((f) => f !== idField && !local.has(f) && f !== DELETED_FIELD && f !== SYNC_STATE_FIELD && f !== decl.stampAccount)
      .sort();
  }

  /** A table's bookkeeping fields (see `quietFields`); a table the registry does not declare has the default ones. */
  quietFields(table: string): readonly string[] {
    return (this.tables.has(table) ? this.get(table).quietFields : undefined) ?? DEFAULT_QUIET_FIELDS;
  }

  /** Whether a client's change to this field is captured and sent: not local-only, not server-written. */
  isClientField(table: string, field: string): boolean {
    if (!this.tables.has(table)) return true;
    const decl = this.get(table);
    return field !== decl.stampAccount && !(decl.localOnlyFields ?? []).includes(field);
  }

  /**
   * What a change to `field` says about the row's council, for the server's ownership checks:
   * - `council`: the field IS the council id (a council-scoped table's council field);
   * - `parent`: the field names a row of one of `tables` (the parent chain), which must live in
   *   the same council (a self-scoped table there means the value may be a council id);
   * - null: the field does not place the row (or the table is not declared).
   */
  councilReference(table: string, field: string): { kind: 'council' } | { kind: 'parent'; tables: readonly string[] } | null {
    if (!this.tables.has(table)) return null;
    const scope = this.get(table).council;
    if (scope.kind === 'field' && scope.field === field) return { kind: 'council' };
    if (scope.kind === 'parent' && scope.foreignKey === field) {
      const tables = typeof scope.table === 'string' ? [scope.table] : (scope.candidates ?? []);
      return tables.length > 0 ? { kind: 'parent', tables } : null;
    }
    return null;
  }

  /** The council a row belongs to, or null when it cannot be resolved (e.g. parent not stored yet). */
  resolveCouncilId(table: string, row: Record<string, unknown>, lookup: RowLookup): string | null {
    let decl = this.get(table);
    let current: Record<string, unknown> | undefined = row;
    for (let depth = 0; depth <= MAX_PARENT_DEPTH && current; depth++) {
      const step = this.step(decl, current);
      if (step.kind === 'done') return step.councilId;
      if (step.kind === 'referencedBy') return null; // needs a reverse lookup: use resolveCouncilIdAsync
      decl = this.get(step.table);
      current = lookup(step.table, step.rowId);
    }
    return null;
  }

  async resolveCouncilIdAsync(table: string, row: Record<string, unknown>, lookup: AsyncRowLookup): Promise<string | null> {
    let decl = this.get(table);
    let current: Record<string, unknown> | undefined = row;
    for (let depth = 0; depth <= MAX_PARENT_DEPTH && current; depth++) {
      const step = this.step(decl, current);
      if (step.kind === 'done') return step.councilId;
      decl = this.get(step.table);
      current = step.kind === 'parent' ? await lookup.get(step.table, step.rowId) : await lookup.findReferencing(step.table, step.field, step.value);
    }
    return null;
  }

  /** One link of the council chain: the answer, or where to look next. */
  step(
    decl: SyncTableDeclaration,
    row: Record<string, unknown>,
  ):
    | { kind: 'done'; councilId: string | null }
    | { kind: 'parent'; table: string; rowId: string }
    | { kind: 'referencedBy'; table: string; field: string; value: string } {
    const scope = decl.council;
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    if (scope.kind === 'self') return { kind: 'done', councilId: str(row[decl.idField ?? 'id']) };
    if (scope.kind === 'field') return { kind: 'done', councilId: str(row[scope.field]) };
    if (scope.kind === 'referencedBy') {
      const id = str(row[decl.idField ?? 'id']);
      if (id === null || !this.tables.has(scope.table)) return { kind: 'done', councilId: null };
      return { kind: 'referencedBy', table: scope.table, field: scope.foreignKey, value: id };
    }
    const parentId = str(row[scope.foreignKey]);
    const parentTable = typeof scope.table === 'function' ? scope.table(row) : scope.table;
    if (parentId === null || parentTable === null || !this.tables.has(parentTable)) return { kind: 'done', councilId: null };
    // A council's id is its council: the council's own row need not be stored (yet) to know it.
    if (this.get(parentTable).council.kind === 'self') return { kind: 'done', councilId: parentId };
    return { kind: 'parent', table: parentTable, rowId: parentId };
  }
}

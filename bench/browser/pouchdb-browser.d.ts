/** pouchdb-browser ships no types; bench/browser/pouchIdb.ts states the little it uses. */
declare module 'pouchdb-browser' {
  const PouchDB: unknown;
  export default PouchDB;
}

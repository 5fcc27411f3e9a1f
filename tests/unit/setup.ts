// Real IndexedDB semantics in Node for repository tests (fake-indexeddb implements the spec).
import 'fake-indexeddb/auto';

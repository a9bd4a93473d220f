import type { CatalogData } from './catalog-types';

// Named apart from catalog-data.json: Node resolves `./catalog-data` to the JSON before ts-node's .ts.
// Loaded through require so the compiler does not infer a type for 600 KB of JSON;
// the shape is pinned by catalog-types.ts and checked by test/unit/catalog.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const catalogData: CatalogData = require('./catalog-data.json') as CatalogData;

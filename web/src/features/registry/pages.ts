// Lazy-loaded entry of the registry module (list and detail route pages).
export { ListPage } from './ListPage.tsx';
export { DetailPage } from './DetailPage.tsx';

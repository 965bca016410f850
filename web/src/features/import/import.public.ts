// What other features may use of CSV import: the one file they import from this folder.
export { ImportDialog } from './ImportDialog.tsx';

// What other features may use of data exchange: the import dialog and the registry list's export buttons.
export { ImportDialog } from './ImportDialog.tsx';

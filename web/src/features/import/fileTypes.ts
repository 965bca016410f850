// The files an import takes and the content type each is sent as (the server reads XLSX by its bytes too).

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file picker's filter: CSV, XLSX, GeoJSON (the pipe network). */
export const IMPORT_ACCEPT = `.csv,.xlsx,.geojson,.json,text/csv,${XLSX_TYPE},application/geo+json`;

/** The upload's content type, by the file's extension. */
export function contentTypeOf(fileName: string): string {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'application/geo+json';
  return 'text/csv';
}

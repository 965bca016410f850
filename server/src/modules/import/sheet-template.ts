// Import templates: a resource's import header (Chinese, references by code), one example row and notes on
// required columns, allowed enum labels and the other accepted forms of each column.
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { writeSheet, type SheetColumn, type SheetFormat } from '../../lib/spreadsheet.ts';
import { EXCHANGE, headerOf, NAMED, type ExchangeField } from '../registry/registry.exchange.ts';

/** Example cells by field (a reference's example is the code of the row it names). */
const EXAMPLES: Record<string, string | number> = {
  name: '示例名称',
  licenseNo: 'GR-2024-001',
  hotline: '022-12345678',
  address: '和平区南京路 1 号',
  enterpriseId: 'E001',
  heatSourceId: 'HS001',
  stationId: 'ST001',
  communityId: 'C001',
  buildingId: 'B001',
  fromNodeId: 'N001',
  toNodeId: 'N002',
  pipeId: 'P001',
  nodeId: 'N001',
  capacityMw: 12.5,
  designSupplyTemp: 85,
  designReturnTemp: 60,
  servedAreaM2: 120000,
  district: '和平区',
  lon: 117.2,
  lat: 39.13,
  floors: 18,
  builtYear: 2008,
  unit: '1',
  floor: 3,
  room: '301',
  ownerName: '张三',
  areaM2: 86.5,
  diameterMm: 300,
  lengthM: 450,
  coordinates: '[[117.2,39.13],[117.21,39.13]]',
  duty: '协调停热投诉',
  phone: '022-23456789',
  leader: '李四',
  members: 8,
};

const importFields = (resource: RegistryResourceName): ExchangeField[] =>
  EXCHANGE[resource].fields.filter((f) => !f.exportOnly);

/** The template's header of a field: a reference by its code (`热源编码`). */
const templateHeader = (f: ExchangeField): string => (f.ref ? `${f.header}编码` : headerOf(f));

/** The header row of a resource's import template. */
export function templateHeaders(resource: RegistryResourceName): string[] {
  return importFields(resource).map(templateHeader);
}

function example(resource: RegistryResourceName, f: ExchangeField): string | number {
  if (f.field === 'code') return `${resource.slice(0, 2).toUpperCase()}001`;
  if (f.labels) return Object.values(f.labels)[0] ?? '';
  if (f.flag) return '否';
  return EXAMPLES[f.field] ?? '';
}

/** What the template's notes say: required columns, enum labels, references, the other accepted headers. */
export function templateNotes(resource: RegistryResourceName): string[] {
  const fields = importFields(resource);
  const notes = [
    `必填列 / required: ${fields
      .filter((f) => f.required)
      .map(templateHeader)
      .join('、')}`,
    '表头可用中文或英文字段名；示例行请删除后再导入 / headers in Chinese or as API field names; delete the example row before importing',
  ];
  for (const f of fields) {
    if (f.labels)
      notes.push(
        `${headerOf(f)} 可选 / allowed: ${Object.entries(f.labels)
          .map(([c, l]) => `${l} (${c})`)
          .join('、')}`,
      );
    if (f.flag) notes.push(`${headerOf(f)}: 是 / 否`);
    if (f.ref) {
      const alternatives = [`${f.header}ID`, ...(NAMED.has(f.ref) ? [`${f.header}名称`, f.header] : [])];
      notes.push(
        `${f.header}编码: 填写${f.header}的编码；也可改用列 ${alternatives.join('、')} / the referenced row by code, name or id`,
      );
    }
  }
  return notes;
}

/** The template file: header, one example row, notes (CSV `# …` lines, or the XLSX sheet 说明). */
export async function templateFile(
  resource: RegistryResourceName,
  label: string,
  format: SheetFormat,
): Promise<Buffer> {
  const columns: SheetColumn<null>[] = importFields(resource).map((f) => ({
    header: templateHeader(f),
    value: () => example(resource, f),
    ...(f.decimals !== undefined ? { decimals: f.decimals } : {}),
  }));
  return writeSheet(format, label, columns, [null], { notes: templateNotes(resource) });
}

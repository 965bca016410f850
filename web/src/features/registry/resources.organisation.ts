// Registry resources: enterprises, departments and repair teams (the server's resources.organisation.ts).
import { ENTERPRISE_TYPE_LABELS } from '@hearth/contracts/registry';
import type { ResourceConfig } from './types.ts';
import { address, base, code, lat, lon, name } from './resources.fields.ts';

export const ORGANISATION_RESOURCES: Record<'enterprises' | 'departments' | 'repair-teams', ResourceConfig> =
  {
    enterprises: {
      ...base,
      name: 'enterprises',
      entity: 'enterprise',
      navKey: 'nav.enterprises',
      titleField: 'name',
      enterpriseScoped: false,
      enterpriseInForm: false,
      importable: true,
      writePermission: 'registry.writeOrganisation',
      fields: [
        code,
        name,
        {
          name: 'type',
          label: '类型',
          en: 'Type',
          kind: 'enum',
          options: ENTERPRISE_TYPE_LABELS,
          list: true,
          sortable: true,
          required: true,
        },
        { name: 'licenseNo', label: '许可证号', en: 'Licence no.', kind: 'text', nullable: true, list: true },
        { name: 'hotline', label: '服务热线', en: 'Hotline', kind: 'text', nullable: true, list: true },
        address,
      ],
      filters: [{ param: 'type', label: '类型', en: 'Type', kind: 'enum', options: ENTERPRISE_TYPE_LABELS }],
      children: [
        { resource: 'heat-sources', param: 'enterpriseId' },
        { resource: 'stations', param: 'enterpriseId' },
      ],
    },
    departments: {
      ...base,
      name: 'departments',
      entity: 'department',
      navKey: 'nav.departments',
      titleField: 'name',
      enterpriseScoped: false,
      enterpriseInForm: false,
      writePermission: 'registry.writeOrganisation',
      fields: [
        code,
        name,
        { name: 'duty', label: '职责', en: 'Duty', kind: 'textarea', nullable: true, list: true },
        { name: 'phone', label: '电话', en: 'Phone', kind: 'text', nullable: true, list: true },
      ],
      filters: [],
    },
    'repair-teams': {
      ...base,
      name: 'repair-teams',
      entity: 'repair_team',
      navKey: 'nav.repair-teams',
      titleField: 'name',
      fields: [
        code,
        name,
        { name: 'leader', label: '负责人', en: 'Leader', kind: 'text', nullable: true, list: true },
        { name: 'phone', label: '电话', en: 'Phone', kind: 'text', nullable: true, list: true },
        {
          name: 'members',
          label: '人数',
          en: 'Members',
          kind: 'int',
          list: true,
          sortable: true,
          required: true,
        },
        lon,
        lat,
      ],
      filters: [],
    },
  };

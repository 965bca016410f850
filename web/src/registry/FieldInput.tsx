// One form control per field kind (text, number, enum select, switch, reference select, JSON text).
import { Form, Input, InputNumber, Select, Switch, type FormInstance } from 'antd';
import { useLang } from '../i18n.ts';
import { RefSelect } from './refs.tsx';
import { fieldLabel } from './format.tsx';
import type { FieldDef } from './types.ts';

const JSON_PLACEHOLDER = '{ "type": "Point", "coordinates": [117.2, 39.1] }';

function Control({ field, form }: { field: FieldDef; form: FormInstance }) {
  const dependency: unknown = Form.useWatch(field.dependsOn?.field ?? '__none__', form);
  switch (field.kind) {
    case 'textarea':
      return <Input.TextArea rows={3} />;
    case 'int':
      return <InputNumber precision={0} style={{ width: '100%' }} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'enum':
      return (
        <Select
          allowClear={!field.required}
          options={Object.entries(field.options ?? {}).map(([value, label]) => ({ value, label }))}
        />
      );
    case 'bool':
      return <Switch />;
    case 'ref': {
      if (!field.ref) return <Input />;
      const scope =
        field.dependsOn && (typeof dependency === 'number' || typeof dependency === 'string')
          ? { [field.dependsOn.param]: String(dependency) }
          : undefined;
      return <RefSelect resource={field.ref} scope={scope} allowClear={!field.required} />;
    }
    case 'json':
      return (
        <Input.TextArea
          rows={4}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
          placeholder={JSON_PLACEHOLDER}
        />
      );
    default:
      return <Input />;
  }
}

export function FieldInput({ field, form }: { field: FieldDef; form: FormInstance }) {
  const lang = useLang();
  return (
    <Form.Item
      name={field.name}
      label={fieldLabel(field, lang)}
      required={field.required}
      valuePropName={field.kind === 'bool' ? 'checked' : 'value'}
    >
      <Control field={field} form={form} />
    </Form.Item>
  );
}

// One form control per field kind (text, number, enum select, switch, reference select, JSON text).
import { Form, Input, InputNumber, Select, Switch, type FormInstance } from 'antd';
import { useLang, type Lang } from '../../shared/i18n.ts';
import { RefSelect } from './refs.tsx';
import { fieldLabel, optionLabel } from './format.tsx';
import type { FieldDef } from './types.ts';

const JSON_PLACEHOLDER = '{ "type": "Point", "coordinates": [117.2, 39.1] }';

/** The bare control for a field; Form.Item injects id/value/onChange into it, so it must be its direct child. */
function controlFor(field: FieldDef, scope: Record<string, string> | undefined, lang: Lang) {
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
          options={Object.keys(field.options ?? {}).map((value) => ({
            value,
            label: optionLabel(field.options, value, lang),
          }))}
        />
      );
    case 'bool':
      return <Switch />;
    case 'ref':
      return field.ref ? (
        <RefSelect resource={field.ref} scope={scope} allowClear={!field.required} />
      ) : (
        <Input />
      );
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
  const dependency: unknown = Form.useWatch(field.dependsOn?.field ?? '__none__', form);
  const scope =
    field.dependsOn && (typeof dependency === 'number' || typeof dependency === 'string')
      ? { [field.dependsOn.param]: String(dependency) }
      : undefined;
  return (
    <Form.Item
      name={field.name}
      label={fieldLabel(field, lang)}
      required={field.required}
      valuePropName={field.kind === 'bool' ? 'checked' : 'value'}
    >
      {controlFor(field, scope, lang)}
    </Form.Item>
  );
}

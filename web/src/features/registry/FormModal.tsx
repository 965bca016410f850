// Create / edit dialog for any registry resource: config-driven fields, zod validation, server field errors.
import { useMemo } from 'react';
import { App, Col, Form, Modal, Row } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { REGISTRY_RESOURCES } from '@hearth/contracts/registry';
import { request, ApiError } from '../../shared/api/client.ts';
import { useLang, useT } from '../../shared/i18n.ts';
import { useUser } from '../../shared/user.ts';
import { FieldInput } from './FieldInput.tsx';
import { invalidateRegistry } from './queries.ts';
import {
  changedOnly,
  fromFormValues,
  requiredMissing,
  serverDetailsToErrors,
  toFormValues,
  zodIssuesToErrors,
  type FieldErrors,
  type FormValues,
} from './formValues.ts';
import type { FieldDef, RegistryItem, ResourceConfig } from './types.ts';

const ENTERPRISE_FIELD: FieldDef = {
  name: 'enterpriseId',
  label: '所属企业',
  en: 'Enterprise',
  kind: 'ref',
  ref: 'enterprises',
  required: true,
};

type Props = {
  config: ResourceConfig;
  /** null = create */
  item: RegistryItem | null;
  onClose: () => void;
};

/** Mount it only while open (the parent renders it conditionally), so every opening starts fresh. */
export function FormModal({ config, item, onClose }: Props) {
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();

  const fields = useMemo(() => {
    const editable = config.fields.filter((f) => !f.readOnly);
    return config.enterpriseInForm && user.role !== 'enterprise' ? [ENTERPRISE_FIELD, ...editable] : editable;
  }, [config, user.role]);
  const fieldNames = useMemo(() => new Set(fields.map((f) => f.name)), [fields]);

  const initialValues = useMemo(() => toFormValues(fields, item), [fields, item]);

  const showErrors = (errors: FieldErrors, other: string[]) => {
    form.setFields(fields.map((f) => ({ name: f.name, errors: errors[f.name] ?? [] })));
    if (other.length > 0) void message.error(other.join('；'));
    else void message.error(t('common.fixErrors'));
  };

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      item
        ? request('PATCH /:resource/:id', { params: { resource: config.name, id: item.id }, body })
        : request('POST /:resource', { params: { resource: config.name }, body }),
    onSuccess: async () => {
      void message.success(item ? t('common.saved') : t('common.created'));
      await invalidateRegistry(queryClient);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.details.length > 0) {
        const { errors, other } = serverDetailsToErrors(error.details, fieldNames);
        form.setFields(fields.map((f) => ({ name: f.name, errors: errors[f.name] ?? [] })));
        void message.error(other.length ? `${error.message}：${other.join('；')}` : error.message);
      } else {
        void message.error(error instanceof Error ? error.message : String(error));
      }
    },
  });

  const submit = () => {
    const values = form.getFieldsValue(true);
    const { body, errors: parseErrors } = fromFormValues(fields, values, lang);
    if (Object.keys(parseErrors).length > 0) return showErrors(parseErrors, []);
    const contract = REGISTRY_RESOURCES[config.name];
    const schema: z.ZodType = item ? contract.update : contract.create;
    const payload = item ? changedOnly(body, item) : body;
    const parsed = schema.safeParse(payload);
    const { errors, other } = parsed.success
      ? { errors: {}, other: [] }
      : zodIssuesToErrors(parsed.error.issues, fieldNames, payload, lang);
    const missing = requiredMissing(fields, body, lang);
    for (const [name, msgs] of Object.entries(missing)) errors[name] ??= msgs;
    if (Object.keys(errors).length > 0 || other.length > 0) return showErrors(errors, other);
    form.setFields(fields.map((f) => ({ name: f.name, errors: [] })));
    if (item && Object.keys(payload).length === 0) return onClose();
    save.mutate(payload);
  };

  const title = `${item ? t('common.edit') : t('common.create')} · ${t(config.navKey)}`;
  return (
    <Modal
      open
      title={title}
      width={720}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(changed: FormValues) => {
          for (const f of fields)
            if (f.dependsOn && f.dependsOn.field in changed) form.setFieldValue(f.name, undefined);
        }}
        data-testid="registry-form"
      >
        <Row gutter={16}>
          {fields.map((f) => (
            <Col key={f.name} span={f.kind === 'json' || f.kind === 'textarea' ? 24 : 12}>
              <FieldInput field={f} form={form} />
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}

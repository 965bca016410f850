// Dialog creating a user (POST /api/users), validated with the contract's CreateUser schema.
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CreateUser, ROLE_LABELS, ROLES, type User } from '@hearth/contracts/auth';
import { request, ApiError } from '../../shared/api/client.ts';
import { enumLabel, useLang, useT } from '../../shared/i18n.ts';
import { RefSelect } from '../registry/registry.public.ts';
import { serverDetailsToErrors, zodIssuesToErrors, type FieldErrors } from '../registry/registry.public.ts';

type Values = {
  username?: string;
  password?: string;
  displayName?: string;
  role?: User['role'];
  enterpriseId?: number | null;
  departmentCode?: string;
};

const FIELDS = ['username', 'password', 'displayName', 'role', 'enterpriseId', 'departmentCode'] as const;
const FIELD_SET: ReadonlySet<string> = new Set(FIELDS);

function toBody(v: Values): Record<string, unknown> {
  const body: Record<string, unknown> = { username: v.username?.trim(), password: v.password, role: v.role };
  if (v.displayName?.trim()) body.displayName = v.displayName.trim();
  if (v.role === 'enterprise' && typeof v.enterpriseId === 'number') body.enterpriseId = v.enterpriseId;
  if (v.role === 'department' && v.departmentCode) body.departmentCode = v.departmentCode;
  return body;
}

/** The form's fields; an enterprise user picks an enterprise, a department user a department. */
function UserFields({ role }: { role: User['role'] | undefined }) {
  const t = useT();
  const lang = useLang();
  const departments = useQuery({
    queryKey: ['registry', 'departments', 'all'],
    queryFn: ({ signal }) => request('GET /departments', { query: { pageSize: 500 }, signal }),
    enabled: role === 'department',
  });
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name="username" label={t('auth.username')} required>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="password" label={t('auth.password')} required>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="role" label={t('users.role')} required>
          <Select options={ROLES.map((r) => ({ value: r, label: enumLabel(lang, ROLE_LABELS, r) }))} />
        </Form.Item>
      </Col>
      {role === 'enterprise' && (
        <Col span={12}>
          <Form.Item name="enterpriseId" label={t('common.enterprise')} required>
            <RefSelect resource="enterprises" />
          </Form.Item>
        </Col>
      )}
      {role === 'department' && (
        <Col span={12}>
          <Form.Item name="departmentCode" label={t('users.department')} required>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending}
              options={(departments.data?.items ?? []).map((d) => ({
                value: d.code,
                label: `${d.name} (${d.code})`,
              }))}
            />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);

  const setErrors = (errors: FieldErrors) =>
    form.setFields(FIELDS.map((name) => ({ name, errors: errors[name] ?? [] })));

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => request('POST /users', { body }),
    onSuccess: async () => {
      void message.success(t('common.created'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.details.length)
        setErrors(serverDetailsToErrors(e.details, FIELD_SET).errors);
      void message.error(e.message);
    },
  });

  const submit = () => {
    const body = toBody(form.getFieldsValue(true));
    const parsed = CreateUser.safeParse(body);
    if (!parsed.success) {
      const { errors, other } = zodIssuesToErrors(parsed.error.issues, FIELD_SET, body, lang);
      setErrors(errors);
      void message.error(other.length ? other.join('；') : t('common.fixErrors'));
      return;
    }
    setErrors({});
    create.mutate(body);
  };

  return (
    <Modal
      open
      title={t('users.create')}
      width={640}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ role: 'viewer' }} data-testid="user-form">
        <UserFields role={role} />
      </Form>
    </Modal>
  );
}

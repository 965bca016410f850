// 下达升温令: scope (city, enterprises or stations picked by name), the required increase or target of the
// secondary supply temperature, effective time and deadline, reason, and the warning it answers.
import { App, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  RAISE_MODE_LABELS,
  RAISE_MODES,
  RAISE_SCOPE_LABELS,
  RAISE_SCOPES,
  WARNING_LEVEL_LABELS,
  type RaiseMode,
  type RaiseOrderDetail,
  type RaiseScope,
  type WarningLevel,
} from '@hearth/contracts/raise-orders';
import { request } from '../../shared/api/client.ts';
import { enumLabel, useLang } from '../../shared/i18n.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { NamePicker } from './NamePicker.tsx';
import { useRaiseText } from './raiseText.ts';

type Values = {
  scope: RaiseScope;
  enterpriseIds?: number[];
  stationIds?: number[];
  mode: RaiseMode;
  value: number;
  effectiveAt: Dayjs;
  deadline: Dayjs;
  reason: string;
};

/** The form's fields (inside its Form): the pickers of the chosen scope only. */
function RaiseOrderFields({ scope }: { scope: RaiseScope | undefined }) {
  const lang = useLang();
  const rt = useRaiseText();
  const required = [{ required: true, message: rt('required_') }];
  return (
    <>
      <Form.Item name="scope" label={rt('scope')} rules={required}>
        <Radio.Group
          options={RAISE_SCOPES.map((s) => ({ value: s, label: enumLabel(lang, RAISE_SCOPE_LABELS, s) }))}
        />
      </Form.Item>
      {scope === 'enterprises' && (
        <Form.Item
          name="enterpriseIds"
          label={rt('enterprises')}
          rules={[{ required: true, message: rt('mustPick') }]}
        >
          <NamePicker resource="enterprises" />
        </Form.Item>
      )}
      {scope === 'stations' && (
        <Form.Item
          name="stationIds"
          label={rt('stations')}
          rules={[{ required: true, message: rt('mustPick') }]}
        >
          <NamePicker resource="stations" />
        </Form.Item>
      )}
      <Flex gap={24} wrap>
        <Form.Item name="mode" label={rt('requirement')} rules={required}>
          <Radio.Group
            options={RAISE_MODES.map((m) => ({ value: m, label: enumLabel(lang, RAISE_MODE_LABELS, m) }))}
          />
        </Form.Item>
        <Form.Item name="value" label={rt('value')} rules={required}>
          <InputNumber min={0.1} max={110} step={0.5} style={{ width: 120 }} />
        </Form.Item>
      </Flex>
      <Flex gap={24} wrap>
        <Form.Item name="effectiveAt" label={rt('effectiveAt')} rules={required}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={rt('deadline')}
          dependencies={['effectiveAt']}
          rules={[
            ...required,
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) =>
                !v || v.isAfter(getFieldValue('effectiveAt') as Dayjs)
                  ? Promise.resolve()
                  : Promise.reject(new Error(rt('deadlineAfter'))),
            }),
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Flex>
      <Form.Item name="reason" label={rt('reason')} rules={required}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </>
  );
}

export function CreateRaiseOrderModal({
  warning,
  onClose,
  onCreated,
}: {
  warning: { date: string; level: WarningLevel } | null;
  onClose: () => void;
  onCreated: (order: RaiseOrderDetail) => void;
}) {
  const lang = useLang();
  const rt = useRaiseText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form);
  const create = useMutation({
    mutationFn: (v: Values) =>
      request('POST /raise-orders', {
        body: {
          scope: v.scope,
          enterpriseIds: v.scope === 'enterprises' ? (v.enterpriseIds ?? []) : [],
          stationIds: v.scope === 'stations' ? (v.stationIds ?? []) : [],
          mode: v.mode,
          value: v.value,
          effectiveAt: v.effectiveAt.toISOString(),
          deadline: v.deadline.toISOString(),
          reason: v.reason,
          warningDate: warning?.date ?? null,
          warningLevel: warning?.level ?? null,
        },
      }),
    onSuccess: async (order) => {
      void message.success(rt('issued'));
      await queryClient.invalidateQueries({ queryKey: ['raise-orders'] });
      onCreated(order);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const now = dayjs().second(0).millisecond(0);
  return (
    <Modal
      open
      title={rt('issue')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{
          scope: 'city',
          mode: 'increase',
          value: 3,
          effectiveAt: now,
          deadline: now.add(6, 'hour'),
          reason: warning ? `${warning.date} ${enumLabel(lang, WARNING_LEVEL_LABELS, warning.level)}` : '',
        }}
      >
        <RaiseOrderFields scope={scope} />
      </Form>
    </Modal>
  );
}

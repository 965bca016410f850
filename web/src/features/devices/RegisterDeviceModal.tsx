// Dialog registering a device (POST /api/devices) for a station or, for indoor sensors, a household.
import { useState } from 'react';
import { App, Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateDevice, type DeviceCredential } from '@hearth/contracts/telemetry';
import { request } from '../../shared/api/client.ts';
import { useT } from '../../shared/i18n.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { RefSelect } from '../registry/registry.public.ts';

type Kind = 'station' | 'household';
type Values = { stationId?: number | null; householdId?: number | null; name?: string };

type Props = {
  /** preselected station (e.g. from a filtered list) */
  stationId?: number;
  onClose: () => void;
  onCreated: (credential: DeviceCredential) => void;
};

export function RegisterDeviceModal({ stationId, onClose, onCreated }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<Kind>('station');
  const create = useMutation({
    mutationFn: (body: CreateDevice) => request('POST /devices', { body }),
    onSuccess: async (credential) => {
      void message.success(t('common.created'));
      await queryClient.invalidateQueries({ queryKey: ['devices'] });
      onCreated(credential);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const submit = () => {
    const v = form.getFieldsValue(true);
    const target = kind === 'station' ? v.stationId : v.householdId;
    if (typeof target !== 'number') {
      form.setFields([
        { name: kind === 'station' ? 'stationId' : 'householdId', errors: [t('devices.pickTarget')] },
      ]);
      return;
    }
    const parsed = CreateDevice.safeParse({
      [kind === 'station' ? 'stationId' : 'householdId']: target,
      name: v.name?.trim() || undefined,
    });
    if (!parsed.success) {
      void message.error(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    create.mutate(parsed.data);
  };

  return (
    <Modal
      open
      title={t('devices.register')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ stationId }} data-testid="device-form">
        <Form.Item label={t('devices.targetKind')}>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            options={[
              { value: 'station', label: t('devices.station') },
              { value: 'household', label: t('devices.household') },
            ]}
          />
        </Form.Item>
        {kind === 'station' ? (
          <Form.Item name="stationId" label={t('devices.station')} required>
            <RefSelect resource="stations" />
          </Form.Item>
        ) : (
          <Form.Item name="householdId" label={t('devices.household')} required>
            <RefSelect resource="households" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('devices.name')}>
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// One-time display of a device credential (after registration or rotation) with copy buttons and connection hints.
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { DeviceCredential } from '@hearth/contracts/telemetry';
import { request } from '../../shared/api/client.ts';
import { useT } from '../../shared/i18n.ts';

const DEFAULT_MQTT_PORT = 1883;

/** The installation's broker address (embedded broker), from the server's telemetry settings. */
function useMqttAddress(): { host: string; port: number | null } {
  const settings = useQuery({
    queryKey: ['telemetry', 'settings'],
    queryFn: ({ signal }) => request('GET /telemetry/settings', { signal }),
    staleTime: 300_000,
  });
  const mqtt = settings.data?.mqtt;
  const configured =
    mqtt?.host && !['0.0.0.0', '::'].includes(mqtt.host) ? mqtt.host : window.location.hostname;
  return { host: configured, port: mqtt ? mqtt.port : DEFAULT_MQTT_PORT };
}

/** The HTTP ingest body for the credential's topic (station or household code taken from the topic). */
function sampleBody(topic: string): string {
  const [, , kind, code = '…'] = topic.split('/');
  const target = kind === 'households' ? 'householdCode' : 'stationCode';
  const values = kind === 'households' ? '{"indoorTemp":20.5}' : '{"primarySupplyTemp":92,"flow":150}';
  return `[{"${target}":"${code}","ts":"${new Date().toISOString()}","values":${values}}]`;
}

function CredentialFields({ credential: { id, token, topic } }: { credential: DeviceCredential }) {
  const t = useT();
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={[
        {
          key: 'id',
          label: t('devices.deviceId'),
          children: <Typography.Text copyable>{String(id)}</Typography.Text>,
        },
        {
          key: 'token',
          label: t('devices.token'),
          children: (
            <Typography.Text
              code
              copyable={{ text: token }}
              data-testid="device-token"
              style={{ wordBreak: 'break-all' }}
            >
              {token}
            </Typography.Text>
          ),
        },
        {
          key: 'topic',
          label: t('devices.topic'),
          children: <Typography.Text copyable>{topic}</Typography.Text>,
        },
      ]}
    />
  );
}

function MqttSettings({ host, id }: { host: string; id: number }) {
  const t = useT();
  return (
    <Descriptions
      size="small"
      column={2}
      items={[
        { key: 'host', label: t('devices.mqttHost'), children: host },
        {
          key: 'port',
          label: t('devices.mqttPort'),
          children: (
            <span>
              {DEFAULT_MQTT_PORT}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ({t('devices.mqttPortNote')})
              </Typography.Text>
            </span>
          ),
        },
        { key: 'user', label: t('devices.mqttUser'), children: `${id} (${t('devices.deviceId')})` },
        { key: 'password', label: t('devices.mqttPassword'), children: t('devices.token') },
        { key: 'qos', label: 'QoS', children: t('devices.qos'), span: 2 },
      ]}
    />
  );
}

export function TokenModal({ credential, onClose }: { credential: DeviceCredential; onClose: () => void }) {
  const t = useT();
  const { host, port } = useMqttAddress();
  const { id, token, topic } = credential;
  const mqtt = [
    `host: ${host}`,
    `port: ${port ?? '—'}`,
    `username: ${id}`,
    `password: ${token}`,
    `topic: ${topic}`,
  ].join('\n');
  const http = [
    `curl -X POST ${window.location.origin}/api/ingest/telemetry \\`,
    `  -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\`,
    `  -d '${sampleBody(topic)}'`,
  ].join('\n');
  const code = { fontSize: 12, margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

  return (
    <Modal
      open
      title={t('devices.credential')}
      width={680}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-done">
          {t('devices.done')}
        </Button>
      }
    >
      <div data-testid="token-modal">
        <Alert type="warning" showIcon title={t('devices.onceWarning')} style={{ marginBottom: 16 }} />
        <CredentialFields credential={credential} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('devices.mqttHint')}
        </Typography.Title>
        <MqttSettings host={host} id={id} />
        <Typography.Paragraph copyable={{ text: mqtt }} style={{ marginBottom: 8 }}>
          <pre style={code}>{mqtt}</pre>
        </Typography.Paragraph>
        <Typography.Title level={5}>{t('devices.httpHint')}</Typography.Title>
        <Typography.Paragraph copyable={{ text: http }} style={{ marginBottom: 0 }}>
          <pre style={code}>{http}</pre>
        </Typography.Paragraph>
      </div>
    </Modal>
  );
}

// Acknowledge (note optional) or close (note required) an alarm: a modal with the note, the alarm named in its title.
import { useState } from 'react';
import { App, Input, Modal, Typography } from 'antd';
import type { Alarm } from '@hearth/contracts/alarms';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { useAlarmText } from './alarmText.ts';
import { useAlarmAction, type AlarmAction } from './queries.ts';

export function AlarmActionModal({
  target,
  onDone,
}: {
  target: { alarm: Alarm; action: AlarmAction } | null;
  onDone: () => void;
}) {
  const tx = useAlarmText();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const mutation = useAlarmAction();
  const closing = target?.action === 'close';
  const missing = closing && note.trim() === '';
  const finish = () => {
    setNote('');
    setTried(false);
    mutation.reset();
    onDone();
  };
  const submit = async () => {
    if (!target) return;
    setTried(true);
    if (missing) return;
    try {
      await mutation.mutateAsync({ id: target.alarm.id, action: target.action, note: note.trim() });
      void message.success(tx(closing ? 'closed' : 'acknowledged'));
      finish();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open={target !== null}
      title={target ? `${tx(target.action)} · ${target.alarm.targetName}` : ''}
      okText={target ? tx(target.action) : ''}
      okButtonProps={{ danger: closing, ...{ 'data-testid': 'alarm-action-ok' } }}
      confirmLoading={mutation.isPending}
      onOk={() => void submit()}
      onCancel={finish}
      destroyOnHidden
    >
      {target && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {target.alarm.message}
        </Typography.Paragraph>
      )}
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={500}
        showCount
        value={note}
        status={tried && missing ? 'error' : undefined}
        placeholder={tx(closing ? 'note' : 'noteOptional')}
        onChange={(e) => setNote(e.target.value)}
        data-testid="alarm-note"
      />
      {tried && missing && <Typography.Text type="danger">{tx('noteRequired')}</Typography.Text>}
    </Modal>
  );
}

// Mosquitto `acl_file` text for an external broker: each device (username = its Hearth id) may write only its
// own topic; the Hearth ingest account may read every Hearth topic. Pure: devices in, file text out.

/** MQTT user names Mosquitto's acl_file can hold: 1–128 characters, no whitespace, no control characters. */
export function isAclUsername(name: string): boolean {
  if (name.length === 0 || name.length > 128 || /\s/u.test(name)) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

export function mosquittoAcl(
  devices: readonly { id: number; topic: string }[],
  ingestUser: string,
  generatedAt: Date,
): string {
  if (!isAclUsername(ingestUser))
    throw new RangeError(`invalid MQTT user name ${JSON.stringify(ingestUser)}`);
  const lines = [
    `# Hearth device ACL for Mosquitto (acl_file), generated ${generatedAt.toISOString()}`,
    '# 由 `hearth mqtt-acl` 生成；设备增删、吊销后重新生成并让 Mosquitto 重新加载（SIGHUP）',
    '# regenerate after devices are added or revoked, then reload Mosquitto (SIGHUP)',
    '',
    '# the Hearth ingest account reads every Hearth topic (through its shared subscription), and the',
    "# broker's own counters (dropped messages), which Hearth shows on 异常数据",
    `user ${ingestUser}`,
    'topic read hearth/v1/#',
    'topic read $SYS/broker/#',
  ];
  for (const d of [...devices].sort((a, b) => a.id - b.id)) {
    // topics are built from registry codes (letters, digits, - and _), never from free text
    if (!/^hearth\/v1\/[A-Za-z0-9/_-]+$/.test(d.topic)) throw new RangeError(`unexpected topic ${d.topic}`);
    lines.push('', `user ${d.id}`, `topic write ${d.topic}`);
  }
  return `${lines.join('\n')}\n`;
}

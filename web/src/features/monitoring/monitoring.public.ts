// What other features may use of monitoring (运行监测): the one file they import from this folder.
export { CommunityIndoor } from './CommunityIndoor.tsx';
export { LiveIndicator } from './LiveIndicator.tsx';
export { LastSeen } from './StatusBadge.tsx';
export { TelemetryCard } from './TelemetryCard.tsx';
export { useLiveStations } from './live.ts';
export { useAllMonitored } from './queries.ts';
export { STATION_STATUSES, STATUS_COLORS, statusLabel } from './status.ts';
export type { StationStatus } from './status.ts';

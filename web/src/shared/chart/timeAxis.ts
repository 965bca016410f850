// The time axis of every telemetry chart: labels that hide when they would overlap, dates above a day, times below.
export const TIME_AXIS = {
  type: 'time',
  axisLabel: {
    hideOverlap: true,
    formatter: {
      year: '{yyyy}',
      month: '{MM}-{dd}',
      day: '{MM}-{dd}',
      hour: '{HH}:{mm}',
      minute: '{HH}:{mm}',
      second: '{HH}:{mm}:{ss}',
      millisecond: '{HH}:{mm}:{ss}',
    },
  },
} as const;

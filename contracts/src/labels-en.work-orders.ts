// English twins of the work-order label maps (contracts/work-orders.ts); labels-en.ts registers them.
import type {
  RESOLUTION_LABELS,
  SLA_CLOCK_LABELS,
  SLA_STATUS_LABELS,
  WORK_ORDER_CATEGORY_LABELS,
  WORK_ORDER_CHANNEL_LABELS,
  WORK_ORDER_EVENT_LABELS,
  WORK_ORDER_STATE_LABELS,
  WORK_ORDER_URGENCY_LABELS,
} from './work-orders.ts';

type EnglishOf<T> = { readonly [K in keyof T]: string };

export const WORK_ORDER_CATEGORY_LABELS_EN: EnglishOf<typeof WORK_ORDER_CATEGORY_LABELS> = {
  indoor_temp: 'Indoor temperature below standard',
  no_heat: 'No heat / heating stopped',
  leak: 'Leak',
  fee_price: 'Fees and prices',
  heat_theft: 'Heat theft',
  illegal_charge: 'Illegal charges',
  service_attitude: 'Service attitude',
  connection: 'Connection request',
  other: 'Other',
};

export const WORK_ORDER_CHANNEL_LABELS_EN: EnglishOf<typeof WORK_ORDER_CHANNEL_LABELS> = {
  hotline_12345: '12345 hotline',
  hotline_8890: '8890 hotline',
  web: 'Resident web page',
  open311: 'Open311 API',
  import: 'Hotline platform import',
  proactive: 'Proactive (sensor-detected)',
};

export const WORK_ORDER_URGENCY_LABELS_EN: EnglishOf<typeof WORK_ORDER_URGENCY_LABELS> = {
  normal: 'Normal',
  urgent: 'Urgent',
  emergency: 'Emergency',
};

export const WORK_ORDER_STATE_LABELS_EN: EnglishOf<typeof WORK_ORDER_STATE_LABELS> = {
  accepted: 'Accepted',
  dispatched: 'Dispatched',
  signed: 'Signed for',
  contacted: 'Resident contacted',
  on_site: 'On site',
  resolved: 'Closed',
  rated: 'Called back',
  archived: 'Archived',
  returned: 'Returned',
  merged: 'Merged',
};

export const WORK_ORDER_EVENT_LABELS_EN: EnglishOf<typeof WORK_ORDER_EVENT_LABELS> = {
  created: 'Accepted',
  dispatched: 'Dispatched',
  signed: 'Signed for',
  contacted: 'Resident contacted',
  checked_in: 'Arrival check-in',
  temperature_measured: 'Indoor temperature measured',
  photo_added: 'Photo added',
  resolved: 'Closed',
  rated: 'Callback',
  archived: 'Archived',
  returned: 'Returned',
  supervised: 'Supervision',
  reopened: 'Reopened',
  merged_into: 'Merged into another order',
  merge_received: 'Duplicate merged in',
  paused: 'Clocks paused',
  resumed: 'Clocks resumed',
  commented: 'Comment',
};

export const RESOLUTION_LABELS_EN: EnglishOf<typeof RESOLUTION_LABELS> = {
  resolved: 'Resolved',
  explained: 'Explained',
  unresolved: 'Unresolved',
};

export const SLA_CLOCK_LABELS_EN: EnglishOf<typeof SLA_CLOCK_LABELS> = {
  sign: 'Sign-for deadline',
  contact: 'First contact deadline',
  on_site: 'On-site deadline',
  temperature_test: 'Temperature test deadline',
  close: 'Closing deadline',
  callback: 'Callback deadline',
};

export const SLA_STATUS_LABELS_EN: EnglishOf<typeof SLA_STATUS_LABELS> = {
  waiting: 'Not started',
  running: 'Running',
  warning: 'Due soon',
  paused: 'Paused',
  overdue: 'Overdue',
  met: 'Met',
  missed: 'Missed',
};

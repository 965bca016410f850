// What other features may use of ingest (异常数据, broker): the one file they import from this folder.
export { BrokerAlert } from './BrokerAlert.tsx';

// Shared loading, error and empty states (Spin / Result / Empty) used by every page.
import { Button, Empty, Result, Spin } from 'antd';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n.ts';

export function Loading({ full = false }: { full?: boolean }) {
  return (
    <div
      style={{
        display: 'flex',
        justifyContent: 'center',
        alignItems: 'center',
        padding: 48,
        minHeight: full ? '100vh' : 200,
      }}
    >
      <Spin size="large" />
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const status = error instanceof ApiError ? error.status : 0;
  const resultStatus = status === 403 ? '403' : status === 404 ? '404' : 'error';
  return (
    <Result
      status={resultStatus}
      title={t('common.loadFailed')}
      subTitle={
        // the sentence in the console's language; the stable code for support staff on hover, not in the sentence
        <span
          data-testid="error-message"
          data-error-code={error instanceof ApiError ? error.code : undefined}
          title={error instanceof ApiError ? error.code : undefined}
        >
          {errorMessage(error)}
        </span>
      }
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}

export function EmptyState({ description }: { description?: string }) {
  const t = useT();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('common.noData')} />;
}

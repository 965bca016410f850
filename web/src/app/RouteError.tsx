// Router error boundary: unexpected render or chunk-load errors shown as a Result instead of a blank page.
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button, Result } from 'antd';
import { NotFoundPage } from './NotFoundPage.tsx';
import { errorMessage } from '../shared/ui/PageState.tsx';

export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Result
      status="error"
      title="出错了 / Something went wrong"
      subTitle={isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新 / Reload
        </Button>
      }
    />
  );
}

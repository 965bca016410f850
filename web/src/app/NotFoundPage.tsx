// 404 page for unknown routes.
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../shared/i18n.ts';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.home')}</Button>
        </Link>
      }
    />
  );
}

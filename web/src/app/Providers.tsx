// App-wide providers: TanStack Query client, antd ConfigProvider (zh_CN / en_US) and antd App context.
import { useEffect, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { z } from 'zod';
import { en as zodEn, zhCN as zodZhCN } from 'zod/locales';
import { ApiError } from '../shared/api/client.ts';
import { useLang } from '../shared/i18n.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 15_000,
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

export function Providers({ children }: { children: ReactNode }) {
  const lang = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
    z.config(lang === 'en' ? zodEn() : zodZhCN());
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    // error messages come in the language asked for: ask again for the ones shown in the other language
    void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
  }, [lang]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={lang === 'en' ? enUS : zhCN}
        button={{ autoInsertSpace: false }}
        theme={{ token: { colorPrimary: '#d4380d', borderRadius: 6 } }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

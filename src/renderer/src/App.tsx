import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/api';

export function App(): React.JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void window.timbrefold.getAppInfo().then(setInfo);
  }, []);
  return (
    <main>
      <h1>Timbrefold</h1>
      <p>{info ? `${info.name} ${info.version}` : 'Starting…'}</p>
    </main>
  );
}

import type { TimbrefoldApi } from '../../shared/api';

declare global {
  interface Window {
    timbrefold: TimbrefoldApi;
  }
}

export * from './host-port';
export * from './port-owner';
export * from './tcp-listener-factory.adapter';
export * from './tcp-host-probe.adapter';
export * from './tcp-forward-listener';
export * from './plain-failure';

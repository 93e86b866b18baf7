export * from './host-reachability-gate';

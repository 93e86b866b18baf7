/** The technology contract and registry: what one `technology:` module declares, and how the core finds it. */
export * from './technology';
export * from './technology-registry';

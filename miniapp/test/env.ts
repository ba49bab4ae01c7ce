// What Taro's DefinePlugin replaces at build time. Tests run the h5 code paths.
process.env.TARO_ENV = 'h5';
process.env.TARO_APP_API_BASE = 'http://api.test';
Object.assign(globalThis, { ENABLE_INNER_HTML: true, DEPRECATED_ADAPTER_COMPONENT: false, ENABLE_ADJACENT_HTML: true, ENABLE_CLONE_NODE: true, ENABLE_CONTAINS: true, ENABLE_SIZE_APIS: true, ENABLE_TEMPLATE_CONTENT: true, ENABLE_MUTATION_OBSERVER: true });

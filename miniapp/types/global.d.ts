/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time; written out in full so webpack's DefinePlugin can replace it. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
    /** API origin for the weapp build, e.g. https://api.example.cn; the h5 build uses its own origin. */
    TARO_APP_API_BASE?: string;
    /** Map tile URL template for the h5 map ({s}, {x}, {y}, {z}); defaults to Amap's GCJ-02 road tiles. */
    TARO_APP_TILE_URL?: string;
  }
}

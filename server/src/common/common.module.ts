import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { ScopeRegistry } from './auth/scope-registry';
import { FastRoutes } from './fast-routes';

/** What every feature may use without importing it: the typed config, the scope registry and the fast routes. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, ScopeRegistry, FastRoutes],
      exports: [APP_CONFIG, ScopeRegistry, FastRoutes],
    };
  }
}

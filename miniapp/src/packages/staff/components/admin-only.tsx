import type { ReactNode } from 'react';
import RoleGate from '../../../components/role-gate';

/** Admin pages render only for an admin; staff and workers are told why. The API refuses them too. */
export default function AdminOnly({ children }: { children: ReactNode }) {
  return <RoleGate role='admin'>{children}</RoleGate>;
}

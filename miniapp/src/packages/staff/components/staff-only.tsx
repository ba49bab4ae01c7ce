import type { ReactNode } from 'react';
import RoleGate from '../../../components/role-gate';

/** Staff pages render only for staff and admin; everyone else is told why. The API enforces it too. */
export default function StaffOnly({ children }: { children: ReactNode }) {
  return <RoleGate role='staff'>{children}</RoleGate>;
}

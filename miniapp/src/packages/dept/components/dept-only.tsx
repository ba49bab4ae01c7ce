import type { ReactNode } from 'react';
import RoleGate from '../../../components/role-gate';

/** Department pages render only for a department's handlers; everyone else is told why. The API enforces it too. */
export default function DeptOnly({ children }: { children: ReactNode }) {
  return <RoleGate role='department'>{children}</RoleGate>;
}

import { useSession } from '../../auth.tsx';

/** Whether the signed-in account holds a permission (buttons shown only to those who may use them). */
export function useCan() {
  const { permissions } = useSession();
  return (p: string) => (permissions as readonly string[]).includes(p);
}

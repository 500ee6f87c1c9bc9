import { SetMetadata } from '@nestjs/common';

export const ANY_PRINCIPAL = 'hub:any-principal';

/**
 * Marks an operation every signed-in principal may reach, `staff` included (who am I, the code lists,
 * one's own account, the admin pages that check admin rights themselves). Everything else refuses staff
 * (BearerAuthGuard), so a data route added later is closed to them without anyone remembering to.
 */
export const AnyPrincipal = (): MethodDecorator & ClassDecorator => SetMetadata(ANY_PRINCIPAL, true);

/** Domain errors shared by lib/ services. */
export { PermanentFailure } from "./permanent-failure";
export { TransientFailure } from "./transient-failure";

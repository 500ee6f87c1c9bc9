import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { intakeSubject, type IntakeReply, type IntakeRequest } from '@hub/domain';
import { IntakeService } from './intake.service.js';
import { ForwardedBody } from './forwarded-body.js';

/**
 * The intake handler for one department. The subject depends on the department the instance serves,
 * so the controller class is made per department.
 */
export function intakeControllerFor(department: string): Type<unknown> {
  @Controller()
  class IntakeController {
    constructor(@Inject(IntakeService) private readonly intake: IntakeService) {}

    @MessagePattern(intakeSubject(department))
    submit(@Payload() request: IntakeRequest | ForwardedBody): Promise<IntakeReply> {
      // Only IntakeDeserializer makes a ForwardedBody: a JSON packet cannot hold one.
      return request instanceof ForwardedBody ? this.intake.submitBody(request) : this.intake.submit(request);
    }
  }
  return IntakeController;
}

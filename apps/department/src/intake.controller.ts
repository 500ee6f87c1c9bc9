import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { intakeSubject, type IntakeReply, type IntakeRequest } from '@hub/domain';
import { IntakeService } from './intake.service.js';

/**
 * The intake handler for one department. The subject depends on the department the instance serves,
 * so the controller class is made per department.
 */
export function intakeControllerFor(department: string): Type<unknown> {
  @Controller()
  class IntakeController {
    constructor(@Inject(IntakeService) private readonly intake: IntakeService) {}

    @MessagePattern(intakeSubject(department))
    submit(@Payload() request: IntakeRequest): Promise<IntakeReply> {
      return this.intake.submit(request);
    }
  }
  return IntakeController;
}

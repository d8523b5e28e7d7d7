package org.golive.monitoring;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code golive_process_ended_total{process,end}}: process instances ended on this node, by the end event they
 * reached ({@code canceled} when deleted), counted once their transaction commits. How many go-lives went live,
 * were rolled back or stopped at go/no-go, per time range: {@code sum by (end) (increase(...))} over all nodes.
 */
@Component
public class ProcessEndMetrics extends AbstractProcessEnginePlugin {

    static final String CANCELED = "canceled";

    private final MeterRegistry meters;

    public ProcessEndMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                definition.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) this::ended);
                counter(definition.getKey(), CANCELED);
            }

            @Override
            public void parseEndEvent(Element endEvent, ScopeImpl scope, ActivityImpl activity) {
                // a series that exists at 0 from the start: increase() cannot see a counter's first step otherwise
                if (scope instanceof ProcessDefinitionEntity definition) {
                    counter(definition.getKey(), activity.getId());
                }
            }

            private void ended(DelegateExecution execution) {
                String process = ((ExecutionEntity) execution).getProcessDefinition().getKey();
                String end = execution.isCanceled() || execution.getCurrentActivityId() == null ? CANCELED
                        : execution.getCurrentActivityId();
                Counter counter = counter(process, end);
                Context.getCommandContext().getTransactionContext()
                        .addTransactionListener(TransactionState.COMMITTED, context -> counter.increment());
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private Counter counter(String process, String end) {
        return Counter.builder("golive.process.ended").description("Process instances ended, by end event")
                .tags("process", process, "end", end).register(meters);
    }
}

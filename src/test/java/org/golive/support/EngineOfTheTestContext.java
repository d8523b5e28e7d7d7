package org.golive.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Camunda's REST API and its authentication filter find the engine by name in a JVM-wide registry, where the
 * last golive context started registered its engine as "default". Spring keeps several test contexts open in one
 * JVM, so a request to one context's port could be authenticated on another context's engine, and golive's own
 * code (the same context's beans) would see no caller. Before each test class and method this puts the engine of
 * the test's own context back under its name: what a single golive in production has by itself.
 */
public class EngineOfTheTestContext extends AbstractTestExecutionListener {

    @Override
    public void prepareTestInstance(TestContext testContext) {
        register(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        register(testContext);
    }

    private static void register(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).ifAvailable(ProcessEngines::registerProcessEngine);
        }
    }
}

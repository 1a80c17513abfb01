package io.tap.reconciler.api;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.Type;

/**
 * An optional body may be left out, but a body that is the JSON literal {@code null} is not an
 * object: it is rejected (400) like any other body of the wrong shape.
 */
@ControllerAdvice(assignableTypes = StacksController.class)
class NullBodyRejectingAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return ReconcileRequest.class.equals(parameter.getParameterType());
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (body == null) {
            throw new HttpMessageNotReadableException("The request body is the JSON literal null", inputMessage);
        }
        return body;
    }
}
